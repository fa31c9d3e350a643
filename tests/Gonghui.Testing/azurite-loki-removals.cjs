// Preloaded into every Azurite process that tests and benchmarks start. LokiJS (Azurite's in-memory database)
// removes documents in batches by re-sorting every binary index of the collection, even for a batch of one or none.
// Azurite's queue service calls that on every request (clearing expired messages, usually none) and once per extent
// when it collects garbage each minute: after a few thousand messages that garbage collection held the queue service
// busy for over a minute, every request waiting. Here an empty batch is a no-op and a batch of one takes LokiJS's
// single-document path, which updates the indexes in place. What is stored and answered does not change.
const lokiPath = require.resolve("lokijs", { paths: [process.cwd()] });
const Loki = require(lokiPath);
const removeBatchByPositions = Loki.Collection.prototype.removeBatchByPositions;
Loki.Collection.prototype.removeBatchByPositions = function (positions) {
  if (positions.length === 0) return;
  if (positions.length === 1) {
    this.remove(this.data[positions[0]]);
    return;
  }
  removeBatchByPositions.call(this, positions);
};

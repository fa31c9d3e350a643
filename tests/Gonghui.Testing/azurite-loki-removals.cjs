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

// LokiJS answers a query of several keys through the binary index of the first key only. Azurite names entities by
// {RowKey, PartitionKey} and messages by {accountName, queueName, ...}, whichever is selective. Rows keyed by id with an
// empty RowKey (the durable task hub's Instances rows) all share one RowKey, while one partition may hold thousands of
// rows (an index or a ledger), and one account holds every message of every queue: each point read, write or dequeue
// could scan a whole table or every message. Here an entity lookup goes through whichever of its two keys matches fewer
// rows (two binary searches of the indexes), and a message lookup through the queue name; the same documents match.
const find = Loki.Resultset.prototype.find;
Loki.Resultset.prototype.find = function (query, firstOnly) {
  if (query && typeof query === "object" && !Array.isArray(query) && !this.filterInitialized) {
    const keys = Object.keys(query);
    if (keys.length > 1 && keys[0] === "RowKey" && "PartitionKey" in query
        && matching(this.collection, "PartitionKey", query.PartitionKey) < matching(this.collection, "RowKey", query.RowKey)) {
      query = { PartitionKey: query.PartitionKey, ...query };
    } else if (keys.length > 1 && keys[0] === "accountName" && "queueName" in query) {
      query = { queueName: query.queueName, ...query };
    }
  }
  return find.call(this, query, firstOnly);
};

/** How many documents of the collection have this value, by the property's binary index (Infinity without one). */
function matching(collection, property, value) {
  if (!collection.binaryIndices[property] || value === null || typeof value === "object") return Infinity;
  collection.ensureIndex(property);
  const [first, last] = collection.calculateRange("$eq", property, value);
  return last - first + 1;
}

// An update of several documents at once (Azurite's queue service updates the messages it hands out) turns LokiJS's
// in-place index maintenance off and then re-sorts every binary index of the collection, even for a batch of none.
// Here each document takes the single-document path, which keeps the indexes in place.
const update = Loki.Collection.prototype.update;
Loki.Collection.prototype.update = function (doc) {
  if (Array.isArray(doc) && this.adaptiveBinaryIndices) {
    for (const one of doc) update.call(this, one);
    return;
  }
  return update.call(this, doc);
};

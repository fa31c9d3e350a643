// Preloaded into every Azurite process that tests, benchmarks and run.sh start. It changes how fast Azurite's database
// (LokiJS) finds and removes documents, never what is stored or answered.
//
// LokiJS removes documents in batches by re-sorting every binary index of the collection, even for a batch of one or
// none, after mapping every document of the collection to its position. Azurite's queue service calls that on every
// request (clearing expired messages, usually none) and once per extent when it collects garbage each minute: after a
// few thousand messages that garbage collection held the queue service busy for over a minute, every request waiting.
// Here an empty batch is a no-op and a batch of one takes LokiJS's single-document path, which updates the indexes in
// place.
const lokiPath = require.resolve("lokijs", { paths: [process.cwd()] });
const Loki = require(lokiPath);
const removeBatch = Loki.Collection.prototype.removeBatch;
Loki.Collection.prototype.removeBatch = function (batch) {
  if (batch.length === 0) return;
  if (batch.length === 1) {
    this.remove(batch[0]);
    return;
  }
  removeBatch.call(this, batch);
};
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
      query = "expirationTime" in query && fewerExpiredThanQueued(this.collection, query)
        ? { expirationTime: query.expirationTime, ...query }
        : { queueName: query.queueName, ...query };
    }
  }
  return find.call(this, query, firstOnly);
};

// Before each request on a queue Azurite looks for the queue's expired messages, by expiration time among all of the
// queue's messages. A durable task hub's control queue holds a timer message for every waiting orchestration, invisible
// for days, so each request scanned hundreds. Here that lookup goes through an index of expiration times (added on its
// first use) whenever fewer messages have expired than the queue holds, as is usual: none have.
function fewerExpiredThanQueued(collection, query) {
  const [operator, ...others] = Object.keys(query.expirationTime ?? {});
  if (operator !== "$lte" || others.length > 0) return false;
  return inRange(collection, "expirationTime", "$lte", query.expirationTime.$lte) < matching(collection, "queueName", query.queueName);
}

/** How many documents of the collection have this value, by the property's binary index (Infinity without one). */
function matching(collection, property, value) {
  if (!collection.binaryIndices[property] || value === null || typeof value === "object") return Infinity;
  return inRange(collection, property, "$eq", value);
}

/** How many documents of the collection match, by the property's binary index (built here when it has none). */
function inRange(collection, property, operator, value) {
  collection.ensureIndex(property);
  const [first, last] = collection.calculateRange(operator, property, value);
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

// Azurite answers an entity query by evaluating its filter on every row of the table. The durable task hub loads an
// orchestration's history with "PartitionKey eq '<instance>' and (...)", so each load read the history of every
// instance (3 to 4 ms per load at 8,500 rows, growing with every orchestration run). Here a filter that requires one
// PartitionKey (the key compared for equality with a string, alone or in an "and") first narrows the rows to that
// partition through the PartitionKey index; the same filter then decides, so the same rows match.
const tableQueries = require(azurite("table/persistence/LokiTableStoreQueryGenerator")).default;
const parseQuery = require(azurite("table/persistence/QueryInterpreter/QueryParser")).default;
const generateEntityWhere = tableQueries.generateQueryEntityWhereFunction;
tableQueries.generateQueryEntityWhereFunction = function (query) {
  const where = generateEntityWhere.call(this, query);
  if (query && query !== "true" && query !== "false")
    where.partitionKey = requiredPartitionKey(parseQuery(query));
  return where;
};

const entityWhere = Loki.Resultset.prototype.where;
Loki.Resultset.prototype.where = function (fun) {
  if (typeof fun === "function" && typeof fun.partitionKey === "string" && !this.filterInitialized
      && this.collection.binaryIndices.PartitionKey) {
    return entityWhere.call(this.find({ PartitionKey: fun.partitionKey }), fun);
  }
  return entityWhere.call(this, fun);
};

/** The PartitionKey every entity matching the parsed filter has, or undefined when the filter does not pin one. */
function requiredPartitionKey(node) {
  if (node.name === "and") return requiredPartitionKey(node.left) ?? requiredPartitionKey(node.right);
  if (node.name !== "eq") return undefined;
  const [key, value] = node.left.name === "id" ? [node.left, node.right] : [node.right, node.left];
  return key.name === "id" && key.identifier === "PartitionKey" && value.name === "constant" && typeof value.value === "string"
    ? value.value
    : undefined;
}

function azurite(module) {
  return require.resolve(`azurite/dist/src/${module}`, { paths: [process.cwd()] });
}

// `@danmaku/writer/dictionary`: the data dictionary and the database's copy of it (its COMMENTs),
// without the rest of the writer, for `danmaku describe`.
export { dataDictionary } from './data-dictionary.js';
export type { ColumnEntry, DataDictionary, RelationEntry } from './dictionary-types.js';
export { columnComment, parseColumnComment } from './comment-text.js';
export { readDatabaseComments, type DatabaseRelation } from './database-comments.js';
export { dictionaryComments, type CommentTarget } from './dictionary-comments.js';
export { dictionaryDrift, type DictionaryDrift } from './dictionary-drift.js';

/**
 * The call store over JDBC: schema by Flyway (SQLite by default, the same SQL on PostgreSQL), the call lifecycle
 * rules as pure functions ({@link dev.voiceengine.control.store.CallTransitions}), writes and reads kept apart.
 * Knows nothing of protobuf or HTTP.
 */
package dev.voiceengine.control.store;

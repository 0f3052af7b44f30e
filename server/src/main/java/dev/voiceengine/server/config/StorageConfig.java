package dev.voiceengine.server.config;

/** The call store's JDBC URL; default (null) is the SQLite file calls.db in the data directory. */
public record StorageConfig(String url) {}

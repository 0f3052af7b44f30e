package dev.voiceengine.control.store;

/** The person the call is with, from the outbound request or matched by number on an inbound call. */
public record CallContact(String id, String firstName, String lastName, String email) {}

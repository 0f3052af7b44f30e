/**
 * From wire events to stored calls: one writer thread fed by a non-blocking queue that writes what is queued in one
 * transaction, bounded retries, and the translation of {@code voice.control.v1.CallEvent} into store values.
 */
package dev.voiceengine.control.events;

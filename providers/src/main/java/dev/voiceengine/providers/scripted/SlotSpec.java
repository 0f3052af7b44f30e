package dev.voiceengine.providers.scripted;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How a script wants one built-in slot handled: the question asked when an intent needs it and the caller has not
 * given it, and the value a reply uses when the caller never said one (a time as "HH:MM", a day name, digits).
 *
 * @param ask the question, e.g. "Which day would suit you?"; null keeps the built-in question
 * @param defaultValue the value used in replies when the slot is not required and was not given; may be null
 */
public record SlotSpec(String ask, @JsonProperty("default") String defaultValue) {}

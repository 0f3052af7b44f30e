package dev.voiceengine.providers.scripted;

/**
 * What the scripted agent answers to one caller turn.
 *
 * @param text what to say
 * @param intentId the intent answered, "first_message", "fallback", or "ask:<slot>" while a slot is asked for
 * @param tool "end_call", "transfer" or null
 * @param transferTo the target of a transfer, else null
 * @param turn how many caller turns the reply answers (0 for the first message); makes tool call ids unique
 */
public record Reply(String text, String intentId, String tool, String transferTo, int turn) {}

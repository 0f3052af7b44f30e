/**
 * The scripted agent: the engine's offline language model. An agent's YAML script lists intents (examples, keywords,
 * a reply template, an optional tool) and the built-in slots (day, time, name, number) they need; {@link
 * dev.voiceengine.providers.scripted.ScriptedLanguageModel} serves it behind {@code voice.provider.v1.LanguageModel},
 * deriving the dialogue state from the conversation in each request.
 */
package dev.voiceengine.providers.scripted;

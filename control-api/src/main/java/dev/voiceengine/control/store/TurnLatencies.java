package dev.voiceengine.control.store;

/**
 * How long each stage of one exchange took, in milliseconds, as the engine measured it for the caller turn that
 * started the exchange. A stage that did not happen (the caller hung up before the reply, say) is null.
 *
 * @param endpointMs last speech of the caller to the engine deciding the turn was over
 * @param sttFinalMs turn over to the final transcript
 * @param llmFirstTokenMs request to the language model to its first text
 * @param ttsFirstAudioMs first text sent to speech to its first audio
 * @param voiceToVoiceMs last speech of the caller to the first packet of the reply sent
 */
public record TurnLatencies(
    Long endpointMs, Long sttFinalMs, Long llmFirstTokenMs, Long ttsFirstAudioMs, Long voiceToVoiceMs) {}

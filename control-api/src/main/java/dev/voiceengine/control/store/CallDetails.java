package dev.voiceengine.control.store;

import java.util.List;

/**
 * A call with everything said and spent in it: the record, its turns in order, the provider failures in the order
 * they happened, and what it used of its providers (null until the call ended, or when the engine did not say).
 */
public record CallDetails(
    CallRecord call, List<CallTurn> transcript, List<ProviderError> providerErrors, CallUsage usage) {}

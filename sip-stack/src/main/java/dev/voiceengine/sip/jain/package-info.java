/**
 * The jain-sip glue, and the only package that imports {@code javax.sip}, {@code javax.sdp} or {@code gov.nist}.
 * Internal: use {@link dev.voiceengine.sip.SipServer}. {@link dev.voiceengine.sip.jain.JainSipAgent} owns one stack
 * and dispatches its events; {@link dev.voiceengine.sip.jain.InboundDialog} holds one call's whole state.
 */
package dev.voiceengine.sip.jain;

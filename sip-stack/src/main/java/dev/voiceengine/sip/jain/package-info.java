/**
 * The jain-sip glue, and the only package that imports {@code javax.sip}, {@code javax.sdp} or {@code gov.nist}.
 * {@link dev.voiceengine.sip.jain.SipServer} is the entry point (here, not in {@code dev.voiceengine.sip}, so that
 * the values and callbacks there never import this package back); the rest is internal.
 * {@link dev.voiceengine.sip.jain.JainSipAgent} dispatches the stack's events;
 * {@link dev.voiceengine.sip.jain.SipStackRunner} starts and stops the stack;
 * {@link dev.voiceengine.sip.jain.InviteAdmission} decides on new INVITEs; {@link dev.voiceengine.sip.jain.SipResponder}
 * builds what we send; {@link dev.voiceengine.sip.jain.InboundDialog} holds one call's whole state;
 * {@link dev.voiceengine.sip.jain.ByeSender} sends our BYEs and {@link dev.voiceengine.sip.jain.ShutdownHangups} ends
 * every call at close.
 */
package dev.voiceengine.sip.jain;

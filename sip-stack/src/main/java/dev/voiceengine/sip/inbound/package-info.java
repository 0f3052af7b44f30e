/**
 * Pure decisions about inbound requests: whose source is trusted ({@code SourceRule}) and the checks a new INVITE goes
 * through, in order (403, 503, 404, 415/400, 488).
 */
package dev.voiceengine.sip.inbound;

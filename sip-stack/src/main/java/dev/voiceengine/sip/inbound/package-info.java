/** The checks a new INVITE goes through, in order (403, 503, 404, 415/400, 488), as a pure function. */
package dev.voiceengine.sip.inbound;

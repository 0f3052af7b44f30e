package dev.voiceengine.sip.outbound;

/**
 * What a 401/407 asked for (RFC 3261 §22.4, RFC 7616 §3.3), as the stack parsed it.
 *
 * @param realm     the protection space
 * @param nonce     the server's nonce
 * @param opaque    echoed back unchanged, or null
 * @param algorithm "MD5" (also when absent), "SHA-256", or another we do not do
 * @param qop       the qop-options list as sent ("auth", "auth,auth-int"), or null for RFC 2069 style
 */
public record DigestChallenge(String realm, String nonce, String opaque, String algorithm, String qop) {}

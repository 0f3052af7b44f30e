/** API keys: generation, SHA-256 hashing, constant-time verification, and the first-start bootstrap. */
package dev.voiceengine.control.auth;

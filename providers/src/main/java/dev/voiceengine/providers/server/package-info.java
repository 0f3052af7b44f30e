/** Serving provider implementations as gRPC services: in-process for the embedded defaults, or on a TCP port. */
package dev.voiceengine.providers.server;

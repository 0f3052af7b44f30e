/**
 * The REST calls API on Armeria: routes, query validation, JSON shapes, the error shape, Bearer auth and recording
 * downloads. Handlers validate on the event loop and do JDBC and file work on the blocking executor.
 */
package dev.voiceengine.control.api;

/**
 * Signed webhooks through a durable outbox: deliveries are written in the transaction that stores their event
 * ({@link dev.voiceengine.control.webhooks.Webhooks}), sent in order per call by one background thread with
 * exponential backoff ({@link dev.voiceengine.control.webhooks.WebhookDeliverer}), and shown to operators
 * ({@link dev.voiceengine.control.webhooks.DeliveryQueries}).
 */
package dev.voiceengine.control.webhooks;

package dev.voiceengine.control.api;

import dev.voiceengine.control.auth.CallerOrg;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.server.HttpService;
import dev.voiceengine.control.commands.AgentSummary;
import dev.voiceengine.control.commands.CallCommand;
import dev.voiceengine.control.commands.CommandException;
import dev.voiceengine.control.store.CallRecord;
import dev.voiceengine.control.store.CallStatus;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Steering live calls and listing agents: {@code POST /v1/calls/{id}/end}, {@code POST /v1/calls/{id}/control}
 * ({@code hangup}, {@code say}, {@code send_dtmf}, {@code mute}, {@code unmute}, {@code transfer}),
 * {@code GET /v1/agents} and {@code GET /v1/agents/{id}}. The engine's refusals map to 404 (no such live call), 409
 * (not now) and 400 (unusable argument).
 */
final class LiveCallService {
  static final Set<String> CONTROL_FIELDS = Set.of("command", "text", "digits", "to");
  /** RFC 4733 §3.2 events 0-15: the keys 0-9, *, #, A-D. */
  static final Pattern DIGITS = Pattern.compile("[0-9*#A-D]{1,64}");
  /** A SIP or SIPS URI (RFC 3261 §19.1), loosely: the scheme and something after it, no spaces. */
  static final Pattern SIP_URI = Pattern.compile("sips?:[^\\s]+");

  private final Outbound outbound;

  LiveCallService(Outbound outbound) {
    this.outbound = outbound;
  }

  /** {@code POST /v1/calls/{id}/end}: 202 with the call; a queued call is canceled without dialling. */
  WritableResource.Post end() {
    return (ctx, req) -> {
      String id = CallIds.parse(ctx.pathParam("id"), "id");
      return Blocking.respond(ctx, () -> {
        CallRecord call = live(id);
        if (call.status() == CallStatus.QUEUED && outbound.store().cancelQueued(id)) {
          return WritableResource.json(HttpStatus.ACCEPTED, CallJson.call(find(id)));
        }
        command(() -> outbound.commands().end(id));
        return WritableResource.json(HttpStatus.ACCEPTED, CallJson.call(find(id)));
      });
    };
  }

  /** {@code POST /v1/calls/{id}/control}: 202 once the engine took the command. */
  WritableResource.Post control() {
    return (ctx, req) -> {
      String id = CallIds.parse(ctx.pathParam("id"), "id");
      ObjectNode body = JsonBody.object(req);
      JsonBody.onlyFields(body, "", CONTROL_FIELDS);
      String name = JsonBody.text(body, "", "command", true);
      CallCommand command = switch (name) {
        case "hangup" -> new CallCommand.Hangup();
        case "say" -> new CallCommand.Say(JsonBody.text(body, "", "text", true));
        case "send_dtmf" -> new CallCommand.SendDtmf(matching(JsonBody.text(body, "", "digits", true), "digits",
            DIGITS, "digits must be 1 to 64 of 0-9, *, #, A-D"));
        case "mute" -> new CallCommand.Mute();
        case "unmute" -> new CallCommand.Unmute();
        case "transfer" -> new CallCommand.Transfer(transferTarget(JsonBody.text(body, "", "to", true)));
        default -> throw JsonBody.invalid("command",
            "command must be one of: hangup, say, send_dtmf, mute, unmute, transfer");
      };
      return Blocking.respond(ctx, () -> {
        live(id);
        command(() -> outbound.commands().control(id, command));
        return WritableResource.json(HttpStatus.ACCEPTED,
            Json.MAPPER.createObjectNode().put("id", id).put("command", name).put("status", "accepted"));
      });
    };
  }

  /** {@code GET /v1/agents}. */
  HttpService agents() {
    return (ctx, req) -> {
      NoQuery.check(ctx.queryParams());
      return Blocking.respond(ctx, () -> {
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode list = body.putArray("agents");
        String org = CallerOrg.of(ctx);
        outbound.commands().agents().stream().filter(a -> a.orgId().equals(org)).forEach(a -> list.add(agent(a)));
        return Json.ok(body);
      });
    };
  }

  /** {@code GET /v1/agents/{id}}. */
  HttpService agent() {
    return (ctx, req) -> {
      String id = ctx.pathParam("id");
      NoQuery.check(ctx.queryParams());
      String org = CallerOrg.of(ctx);
      return Blocking.respond(ctx, () -> Json.ok(agent(outbound.commands().agent(id)
          .filter(a -> a.orgId().equals(org)).orElseThrow(() -> ApiException.notFound("no agent " + id)))));
    };
  }

  static ObjectNode agent(AgentSummary a) {
    return Json.MAPPER.createObjectNode().put("id", a.id()).put("name", a.name()).put("active", a.active())
        .put("first_message", a.firstMessage()).put("voicemail_detection", a.voicemailDetection());
  }

  private CallRecord live(String id) throws Exception {
    CallRecord call = find(id);
    if (call.status().isFinal()) {
      throw new ApiException(HttpStatus.CONFLICT, "wrong_state", "call " + id + " is already over ("
          + call.status().wire() + ")", null);
    }
    return call;
  }

  private CallRecord find(String id) throws Exception {
    return outbound.store().call(id).orElseThrow(() -> ApiException.notFound("no call with id " + id));
  }

  private interface Command {
    void run() throws CommandException;
  }

  private static void command(Command command) {
    try {
      command.run();
    } catch (CommandException e) {
      throw switch (e.reason()) {
        case NOT_FOUND -> ApiException.notFound("the call is not live in the engine: " + e.getMessage());
        case WRONG_STATE -> new ApiException(HttpStatus.CONFLICT, "wrong_state", e.getMessage(), null);
        case INVALID -> new ApiException(HttpStatus.BAD_REQUEST, "invalid_parameter", e.getMessage(), null);
      };
    }
  }

  private static String transferTarget(String to) {
    if (!JsonBody.E164.matcher(to).matches() && !SIP_URI.matcher(to).matches()) {
      throw JsonBody.invalid("to", "to must be an E.164 number or a SIP URI");
    }
    return to;
  }

  private static String matching(String value, String field, Pattern pattern, String message) {
    if (!pattern.matcher(value).matches()) {
      throw JsonBody.invalid(field, message);
    }
    return value;
  }
}

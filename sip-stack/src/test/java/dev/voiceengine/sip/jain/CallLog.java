package dev.voiceengine.sip.jain;

import dev.voiceengine.sip.CallEnd;
import dev.voiceengine.sip.CallRejectedException;
import dev.voiceengine.sip.InboundCall;
import dev.voiceengine.sip.MediaDescription;
import dev.voiceengine.sip.SipCallListener;
import java.util.ArrayList;
import java.util.List;

/** A listener that writes each callback down as a line ("invite", "rejected 503", "ended SHUTDOWN", ...). */
class CallLog implements SipCallListener {
  private final List<String> lines = new ArrayList<>();
  private final List<MediaDescription> media = new ArrayList<>();

  synchronized List<String> lines() {
    return List.copyOf(lines);
  }

  synchronized List<MediaDescription> media() {
    return List.copyOf(media);
  }

  synchronized void add(String line) {
    lines.add(line);
  }

  @Override
  public LocalMedia onInvite(InboundCall call) throws CallRejectedException {
    add("invite");
    return new LocalMedia("127.0.0.1", 40000);
  }

  @Override
  public void onRejected(InboundCall call, int status, String reason) {
    add("rejected " + status);
  }

  @Override
  public synchronized void onMedia(String ref, MediaDescription m) {
    lines.add("media");
    media.add(m);
  }

  @Override
  public void onConfirmed(String ref) {
    add("confirmed");
  }

  @Override
  public void onEnded(String ref, CallEnd end) {
    add("ended " + end);
  }
}

package dev.voiceengine.providers.scripted;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One thing a caller may want, and how the agent answers it. The caller's words are matched against the examples
 * (by word overlap, so recognition errors and dropped words still match) and the keywords.
 *
 * @param id unique in the script, e.g. "book"
 * @param examples sentences a caller might say; may hold slot placeholders ({day}, {time}, {name}, {number})
 * @param keywords words or short phrases that point strongly at this intent
 * @param requires slots the intent cannot answer without; the agent asks for each missing one in turn
 * @param reply the answer template; {slot} placeholders are filled, and a [bracketed part] is said only when every
 *     slot inside it is known
 * @param followUp said after the reply, e.g. "Is there anything else I can help with?"; may be null
 * @param tool "end_call" or "transfer" to call after the reply; may be null
 * @param transferTo the transfer target (tool transfer only), e.g. "front-desk" or "sip:desk@example.com"
 */
public record Intent(String id, List<String> examples, List<String> keywords, List<String> requires, String reply,
    String followUp, String tool, String transferTo) {
  /** The tool that ends the call after the reply. */
  public static final String END_CALL = "end_call";
  /** The tool that hands the call to {@code transferTo}. */
  public static final String TRANSFER = "transfer";

  public Intent {
    examples = copy(examples);
    keywords = copy(keywords);
    requires = copy(requires);
  }

  /** Copies a list that may be absent (null) or hold nulls (an empty YAML item), which validation then reports. */
  private static List<String> copy(List<String> list) {
    return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
  }
}

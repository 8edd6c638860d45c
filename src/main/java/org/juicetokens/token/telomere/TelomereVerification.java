package org.juicetokens.token.telomere;

import org.juicetokens.common.JuiceException;

import java.util.Map;

/**
 * The outcome of {@link Telomeres#verify}.
 *
 * @param reason     {@link FailureReason#NONE} when valid
 * @param detail     for people (no secrets); empty when valid
 * @param failedLink index in the retained tail of the offending link, -1 when the failure is not one link's
 */
public record TelomereVerification(boolean valid, FailureReason reason, String detail, int failedLink) {
  private static final TelomereVerification OK = new TelomereVerification(true, FailureReason.NONE, "", -1);

  public static TelomereVerification ok() {
    return OK;
  }

  public static TelomereVerification fail(FailureReason reason, String detail) {
    return new TelomereVerification(false, reason, detail, -1);
  }

  public static TelomereVerification fail(FailureReason reason, int link, String detail) {
    return new TelomereVerification(false, reason, detail, link);
  }

  /** This failure as the exception a layer answers with (code from {@link FailureReason#errorCode}, details reason and link). */
  public JuiceException toException(String tokenId) {
    return new JuiceException(reason.errorCode(), "telomere of " + tokenId + " is invalid: " + reason + " " + detail,
      Map.of("reason", reason.name(), "failedLink", String.valueOf(failedLink)), null);
  }
}

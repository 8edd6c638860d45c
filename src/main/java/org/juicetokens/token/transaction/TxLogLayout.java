package org.juicetokens.token.transaction;

import org.juicetokens.common.JuiceException;
import org.juicetokens.token.transaction.proto.TxRole;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Keys of the transaction write-ahead log in the WAL column family of a party's node. One record
 * per exchange side, rewritten whole at every step (in the same atomic batch as that step's token
 * mutations):
 * <ul>
 *   <li>{@code tx/<txId>/<ROLE>} → the side's {@code TxRecord} (ROLE = PAYER or PAYEE), kept after
 *       the exchange ends (GET /api/v1/transfers/{txId} reads it);</li>
 *   <li>{@code open/<txId>/<ROLE>} → empty, present while the side still needs work: written with
 *       the first record, deleted in the batch that makes it final (payee COMMITTED or ABORTED;
 *       payer ABORTED, or COMMITTED and finalized; FAILED). Recovery at start and the audit scan
 *       this prefix only, so their cost does not grow with the log's history.</li>
 * </ul>
 * Tx ids are 1-128 characters of {@code [A-Za-z0-9._:-]} (no '/', so prefixes never overlap).
 */
public final class TxLogLayout {
  public static final String RECORD_PREFIX = "tx/";
  public static final String OPEN_PREFIX = "open/";
  private static final Pattern TX_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private TxLogLayout() {
  }

  /** {@code txId} when it is a valid tx id; INVALID_ARGUMENT naming the rule otherwise. */
  public static String checkTxId(String txId) {
    if (txId == null || !TX_ID.matcher(txId).matches()) {
      throw JuiceException.invalidArgument("txId must be 1-128 characters of A-Z a-z 0-9 . _ : -, was '" + txId + "'");
    }
    return txId;
  }

  public static byte[] recordKey(String txId, TxRole role) {
    return bytes(RECORD_PREFIX + txId + "/" + role.name());
  }

  public static byte[] openKey(String txId, TxRole role) {
    return bytes(OPEN_PREFIX + txId + "/" + role.name());
  }

  /** The prefix of both sides' records of one tx. */
  public static byte[] recordPrefix(String txId) {
    return bytes(RECORD_PREFIX + txId + "/");
  }

  public static byte[] openPrefix() {
    return bytes(OPEN_PREFIX);
  }

  /** The record key an {@code open/} key stands for. */
  public static byte[] recordKeyOfOpen(byte[] openKey) {
    String text = new String(openKey, StandardCharsets.UTF_8);
    return bytes(RECORD_PREFIX + text.substring(OPEN_PREFIX.length()));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}

package org.juicetokens.lifecycle.renewal;

import com.google.protobuf.ByteString;
import org.juicetokens.foundation.storage.StoreFamily;
import org.juicetokens.foundation.storage.proto.StoreWrite;

import java.nio.charset.StandardCharsets;

/**
 * Keys of the renewal layer in StoreFamily.NOTICES of the owner's home node:
 * {@code n/<identityId>/<tokenId>/<days, 4 digits>} → ExpiryNotice (the key makes a notice once per
 * token and threshold); {@code r/<renewalId>} → RenewalRecord; {@code rw/<renewalId>} → RenewalRecord
 * while the facilitator's reward of one unit or more is unpaid (an outbox, removed once the reward transfer
 * committed); {@code rwc/<renewalId>} → RenewalRecord while a reward under one unit, taken from the
 * owner's wissel in the renewal's batch, is not yet credited to the facilitator's wissel; on the
 * facilitator's home node {@code rwd/<renewalId>} marks the credit applied.
 * Identity ids are hex and token ids have no '/', so prefixes never overlap.
 */
final class RenewalLayout {
  static final String NOTICE_PREFIX = "n/";
  static final String RENEWAL_PREFIX = "r/";
  static final String REWARD_PREFIX = "rw/";
  /** Rewards below one unit, already taken from the owner's wissel, to credit to the facilitator's (token.audit counts them in flight). */
  static final String CREDIT_PREFIX = "rwc/";
  /** On the facilitator's home node: the reward of this renewal was credited (the credit is applied once). */
  static final String CREDITED_PREFIX = "rwd/";

  private RenewalLayout() {
  }

  static byte[] noticeKey(String identityId, String tokenId, int days) {
    return bytes(NOTICE_PREFIX + identityId + "/" + tokenId + "/" + String.format("%04d", days));
  }

  static byte[] noticesPrefix(String identityId) {
    return bytes(NOTICE_PREFIX + identityId + "/");
  }

  static byte[] renewalKey(String renewalId) {
    return bytes(RENEWAL_PREFIX + renewalId);
  }

  static byte[] rewardKey(String renewalId) {
    return bytes(REWARD_PREFIX + renewalId);
  }

  static byte[] creditKey(String renewalId) {
    return bytes(CREDIT_PREFIX + renewalId);
  }

  static byte[] creditedKey(String renewalId) {
    return bytes(CREDITED_PREFIX + renewalId);
  }

  static StoreWrite put(byte[] key, ByteString value) {
    return StoreWrite.newBuilder().setFamily(StoreFamily.NOTICES.dbName()).setKey(ByteString.copyFrom(key)).setValue(value).build();
  }

  static StoreWrite delete(byte[] key) {
    return StoreWrite.newBuilder().setFamily(StoreFamily.NOTICES.dbName()).setKey(ByteString.copyFrom(key)).setDelete(true).build();
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}

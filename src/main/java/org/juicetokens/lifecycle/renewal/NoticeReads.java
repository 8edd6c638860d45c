package org.juicetokens.lifecycle.renewal;

import com.google.protobuf.InvalidProtocolBufferException;
import io.vertx.core.Future;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.foundation.storage.StoreFamily;
import org.juicetokens.foundation.storage.proto.StoreEntry;
import org.juicetokens.lifecycle.renewal.proto.ExpiryNotice;
import org.juicetokens.lifecycle.renewal.proto.NoticeList;
import org.juicetokens.lifecycle.renewal.proto.NoticesRequest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** An identity's expiry notices, read on its home node (forwarded there from any node), newest first. */
final class NoticeReads {
  private final RenewalCalls calls;
  private final String nodeId;
  private final int limit;

  NoticeReads(RenewalCalls calls, String nodeId, int limit) {
    this.calls = calls;
    this.nodeId = nodeId;
    this.limit = limit;
  }

  Future<NoticeList> list(NoticesRequest request) {
    if (request.getIdentityId().isBlank()) {
      return Future.failedFuture(JuiceException.invalidArgument("an identity id is required"));
    }
    if (request.getLimit() < 0) {
      return Future.failedFuture(JuiceException.invalidArgument("limit must be >= 0"));
    }
    return calls.activeIdentity("identity", request.getIdentityId()).compose(view -> {
      String home = view.getDocument().getHomeNode();
      return home.equals(nodeId) ? listHere(request)
        : calls.ask(Addresses.node(home, Addresses.RENEWAL_NOTICES_SUFFIX), request, calls.timeoutMs(), NoticeList.class);
    });
  }

  Future<NoticeList> listHere(NoticesRequest request) {
    int wanted = request.getLimit() == 0 ? limit : Math.min(request.getLimit(), limit);
    return calls.scan(StoreFamily.NOTICES, RenewalLayout.noticesPrefix(request.getIdentityId()), limit).map(scan -> {
      List<ExpiryNotice> notices = new ArrayList<>();
      for (StoreEntry e : scan.getEntriesList()) {
        try {
          notices.add(ExpiryNotice.parseFrom(e.getValue()));
        } catch (InvalidProtocolBufferException ex) {
          throw new JuiceException(ErrorCode.DATA_CORRUPTION, "undecodable notice " + e.getKey().toStringUtf8(), ex);
        }
      }
      notices.sort(Comparator.comparingLong(ExpiryNotice::getIssuedAtMs).thenComparingInt(n -> -n.getDaysBefore()).reversed());
      boolean truncated = scan.getTruncated() || notices.size() > wanted;
      return NoticeList.newBuilder().addAllNotices(notices.subList(0, Math.min(wanted, notices.size()))).setTruncated(truncated).build();
    });
  }
}

package org.juicetokens.extension;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.util.JsonFormat;
import io.vertx.core.json.JsonObject;
import org.juicetokens.api.v1.ExtensionView;
import org.juicetokens.extension.proto.ExtensionManifest;
import org.juicetokens.extension.proto.ExtensionRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A registry record as the API shows it, with the runtime's usage figures for it. */
final class ExtensionViews {
  private static final Logger LOG = LoggerFactory.getLogger(ExtensionViews.class);

  private ExtensionViews() {
  }

  static ExtensionView view(ExtensionRecord record, ExtensionRuntime runtime) {
    ExtensionManifest m = record.getSigned().getManifest();
    return ExtensionView.newBuilder()
      .setId(m.getId()).setName(m.getName()).setVersion(m.getVersion())
      .setState(record.getState()).setReason(record.getReason())
      .addAllHooks(m.getHooksList()).addAllPermissions(m.getPermissionsList()).addAllCapabilities(m.getCapabilitiesList())
      .setUsage(usage(runtime.usage(m.getId()), m.getId()))
      .setPublisherPublicKey(m.getPublisherPublicKey()).setEntryClass(m.getEntryClass()).setJar(m.getJar())
      .setRegisteredAtMs(record.getRegisteredAtMs()).setStateChangedAtMs(record.getStateChangedAtMs())
      .setRunning(runtime.running(m.getId()))
      .build();
  }

  /** The runtime's JSON as a Struct (its proto3 JSON is that same object); none or unreadable → empty. */
  static Struct usage(JsonObject usage, String id) {
    Struct.Builder struct = Struct.newBuilder();
    if (usage == null) {
      return struct.build();
    }
    try {
      JsonFormat.parser().merge(usage.encode(), struct);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      LOG.warn("[Extension] usage of {} not shown: {}", id, e.getMessage());
      return Struct.getDefaultInstance();
    }
    return struct.build();
  }
}

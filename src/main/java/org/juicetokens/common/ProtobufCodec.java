package org.juicetokens.common;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The one event-bus codec for generated protobuf messages, local and clustered. On the wire:
 * the message class name (length-prefixed UTF-8) and the protobuf bytes. Only classes in
 * {@code org.juicetokens.} are decoded, so a peer cannot make this node load arbitrary classes.
 * Locally the (immutable) message object is passed as is.
 */
public final class ProtobufCodec implements MessageCodec<Message, Message> {
  public static final String NAME = "juice-protobuf";
  private static final String ALLOWED_PREFIX = "org.juicetokens.";

  private final ConcurrentMap<String, Parser<? extends Message>> parsers = new ConcurrentHashMap<>();

  /** Registers the codec and selects it for every protobuf body. Call on every node before deploying. */
  public static void register(EventBus eventBus) {
    eventBus.registerCodec(new ProtobufCodec());
    eventBus.codecSelector(body -> body instanceof Message ? NAME : null);
  }

  @Override
  public void encodeToWire(Buffer buffer, Message message) {
    byte[] name = message.getClass().getName().getBytes(StandardCharsets.UTF_8);
    byte[] bytes = message.toByteArray();
    buffer.appendInt(name.length).appendBytes(name).appendInt(bytes.length).appendBytes(bytes);
  }

  @Override
  public Message decodeFromWire(int pos, Buffer buffer) {
    int nameLength = buffer.getInt(pos);
    String className = buffer.getString(pos + 4, pos + 4 + nameLength, "UTF-8");
    int bodyPos = pos + 4 + nameLength;
    int bodyLength = buffer.getInt(bodyPos);
    byte[] bytes = buffer.getBytes(bodyPos + 4, bodyPos + 4 + bodyLength);
    try {
      return parserFor(className).parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new JuiceException(ErrorCode.DATA_CORRUPTION, "undecodable " + className + " on the event bus", e);
    }
  }

  private Parser<? extends Message> parserFor(String className) {
    if (!className.startsWith(ALLOWED_PREFIX)) {
      throw new JuiceException(ErrorCode.PERMISSION_DENIED, "refusing to decode " + className);
    }
    return parsers.computeIfAbsent(className, ProtobufCodec::lookupParser);
  }

  @SuppressWarnings("unchecked")
  private static Parser<? extends Message> lookupParser(String className) {
    try {
      Class<?> type = Class.forName(className);
      if (!Message.class.isAssignableFrom(type)) {
        throw new JuiceException(ErrorCode.PERMISSION_DENIED, className + " is not a protobuf message");
      }
      return (Parser<? extends Message>) type.getMethod("parser").invoke(null);
    } catch (ReflectiveOperationException e) {
      throw new JuiceException(ErrorCode.INVALID_ARGUMENT, "unknown message type " + className, e);
    }
  }

  @Override
  public Message transform(Message message) {
    return message;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}

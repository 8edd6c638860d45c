package org.juicetokens.transport.pipe;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import org.juicetokens.transport.framing.proto.FrameType;
import org.juicetokens.transport.framing.proto.MessageFrame;
import org.juicetokens.transport.framing.proto.TransportError;
import org.juicetokens.transport.framing.proto.TransportErrorCode;
import org.juicetokens.transport.pipe.proto.PipeHello;
import org.juicetokens.transport.pipe.proto.PipeWelcome;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The Hello/Welcome exchange that opens (or resumes) a pipe: both travel as CONTROL frames
 * whose message type is their protobuf full name. Checks of what the other side sent come back
 * as a {@link TransportError} (PROTOCOL_ERROR), never as an exception.
 */
public final class Handshake {
  public static final int PROTOCOL_VERSION = 1;
  public static final String HELLO = PipeHello.getDescriptor().getFullName();
  public static final String WELCOME = PipeWelcome.getDescriptor().getFullName();
  private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private Handshake() {
  }

  /** A Hello or Welcome, as the frames to write (one, unless absurdly large). */
  public static List<MessageFrame> frames(FrameEncoder encoder, Message message) {
    return encoder.encode(FrameType.CONTROL, message.getDescriptorForType().getFullName(), message.toByteArray());
  }

  /** Parsed Hello, or the error to answer it with. */
  public static Parsed<PipeHello> hello(MessageFrame head, String messageType, byte[] message) {
    if (head.getFrameType() != FrameType.CONTROL || !HELLO.equals(messageType)) {
      return Parsed.failed("expected " + HELLO + " first, got " + head.getFrameType() + " " + messageType);
    }
    PipeHello hello;
    try {
      hello = PipeHello.parseFrom(message);
    } catch (InvalidProtocolBufferException e) {
      return Parsed.failed("unreadable hello: " + e.getMessage());
    }
    if (hello.getProtocolVersion() != PROTOCOL_VERSION) {
      return Parsed.failed("protocol version " + hello.getProtocolVersion() + " not supported (this node speaks " + PROTOCOL_VERSION + ")");
    }
    if (!NODE_ID.matcher(hello.getNodeId()).matches()) {
      return Parsed.failed("bad node id in hello");
    }
    return new Parsed<>(hello, null);
  }

  /** Parsed Welcome, or the error that ends the attempt. */
  public static Parsed<PipeWelcome> welcome(MessageFrame head, String messageType, byte[] message) {
    if (head.getFrameType() != FrameType.CONTROL || !WELCOME.equals(messageType)) {
      return Parsed.failed("expected " + WELCOME + " first, got " + head.getFrameType() + " " + messageType);
    }
    try {
      PipeWelcome welcome = PipeWelcome.parseFrom(message);
      if (!NODE_ID.matcher(welcome.getNodeId()).matches() || welcome.getSessionId().isEmpty() || welcome.getResumptionToken().isEmpty()) {
        return Parsed.failed("incomplete welcome");
      }
      return new Parsed<>(welcome, null);
    } catch (InvalidProtocolBufferException e) {
      return Parsed.failed("unreadable welcome: " + e.getMessage());
    }
  }

  /** The TransportError of an ERROR frame, or a PROTOCOL_ERROR saying it was unreadable. */
  public static TransportError refusal(byte[] message) {
    try {
      return TransportError.parseFrom(message);
    } catch (InvalidProtocolBufferException e) {
      return PipeSession.error(TransportErrorCode.PROTOCOL_ERROR, "unreadable error frame", e.getMessage());
    }
  }

  /** 256 random bits, URL-safe. */
  public static String newToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** A short random session id. */
  public static String newSessionId() {
    byte[] bytes = new byte[9];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** A handshake message, or why it was refused. */
  public record Parsed<M>(M message, TransportError error) {
    static <M> Parsed<M> failed(String detail) {
      return new Parsed<>(null, PipeSession.error(TransportErrorCode.PROTOCOL_ERROR, "bad handshake", detail));
    }

    public boolean ok() {
      return error == null;
    }
  }
}

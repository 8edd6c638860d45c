package org.juicetokens.governance.metrics;

/** The fifteen core operation families and the tag each writes at the head of its log lines. */
public enum Layer {
  STORAGE("storage", "Storage"),
  DHT("dht", "DHT"),
  TIME("time", "Time"),
  FRAMING("framing", "Framing"),
  PIPE("pipe", "WebSocket"),
  DISCOVERY("discovery", "Network"),
  MINT("mint", "Token"),
  TELOMERE("telomere", "Telomere"),
  TRANSACTION("transaction", "Transaction"),
  IDENTITY("identity", "Identity"),
  ATTESTATION("attestation", "Attestation"),
  EGG("egg", "Lifecycle"),
  RENEWAL("renewal", "Renewal"),
  HEALTH("health", "Monitoring"),
  EXTENSION("extension", "Extension");

  private final String tag;
  private final String logTag;

  Layer(String tag, String logTag) {
    this.tag = tag;
    this.logTag = logTag;
  }

  /** The value of the {@code layer} metric label. */
  public String tag() {
    return tag;
  }

  /** The bracketed prefix of the layer's log lines, e.g. {@code [Storage]}. */
  public String logTag() {
    return logTag;
  }
}

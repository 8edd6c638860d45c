package org.juicetokens.token.transaction;

/** The two timers of an exchange: its deadline (presumed abort), and the re-send/query back-off. */
public enum TimerKind { DEADLINE, RETRY }

package dev.parley.api.call;

/** Where a call's connection stands. */
public enum CallState {
    CONNECTING, CONNECTED, RECONNECTING, CLOSED
}

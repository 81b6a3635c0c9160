package io.mandate.messages.grant;

/** What a registered OAuth client is, which decides where it may stand in a delegation chain. */
public enum ClientKind {
    AGENT,
    MCP_SERVER,
    APPLICATION,
    RESOURCE_SERVER
}

package io.driftline.security;

/** The two roles of the control API: reads need {@link #VIEWER}, changes need {@link #OPERATOR}. */
public final class Roles {
    public static final String VIEWER = "viewer";
    public static final String OPERATOR = "operator";

    private Roles() {
    }
}

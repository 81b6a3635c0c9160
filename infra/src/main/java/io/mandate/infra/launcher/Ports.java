package io.mandate.infra.launcher;

/** The one message for a port clash: which port, whose, and the setting that moves it. */
final class Ports {

    private Ports() {
    }

    static void requireFree(StackSettings.Port port, String component) {
        if (!Processes.isFree(port.number())) {
            throw new IllegalStateException("port " + port.number() + " (" + component + ") is already in use; "
                    + "stop what holds it or set " + port.variable() + " to another port");
        }
    }
}

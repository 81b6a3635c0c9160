package io.mandate.query.export;

/**
 * Reading the events failed after the export's first bytes were sent: too late for a problem
 * document. The controller lets it escape so the server drops the connection (no final chunk), and
 * the client sees a failed transfer instead of a file that merely looks complete; the file lacks
 * its manifest anyway, which the verifier reports.
 */
class ExportInterruptedException extends RuntimeException {

    ExportInterruptedException(String message, Throwable cause) {
        super(message, cause);
    }
}

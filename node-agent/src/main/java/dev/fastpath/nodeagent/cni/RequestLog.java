package dev.fastpath.nodeagent.cni;

/** Log lines of one CNI request, each carrying its context (command, network, container id, ifname). */
public final class RequestLog {
    private static final System.Logger LOG = System.getLogger("dev.fastpath.nodeagent.cni");
    private final String context;

    public RequestLog(String context) {
        this.context = context;
    }

    public static RequestLog of(CniRequest request) {
        return new RequestLog(request.logContext());
    }

    public void info(String message) {
        LOG.log(System.Logger.Level.INFO, "[" + context + "] " + message);
    }

    public void warn(String message) {
        LOG.log(System.Logger.Level.WARNING, "[" + context + "] " + message);
    }

    public void warn(String message, Throwable cause) {
        LOG.log(System.Logger.Level.WARNING, "[" + context + "] " + message + ": " + cause);
    }
}

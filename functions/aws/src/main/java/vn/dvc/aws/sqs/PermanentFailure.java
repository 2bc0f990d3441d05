package vn.dvc.aws.sqs;

/** A message that can never succeed (malformed, refers to nothing): it goes to the DLQ with this reason, not back to the queue. */
public class PermanentFailure extends RuntimeException {
    private final String reasonCode;

    public PermanentFailure(String reasonCode, String message) {
        super(message);
        this.reasonCode = reasonCode;
    }

    public String reasonCode() {
        return reasonCode;
    }
}

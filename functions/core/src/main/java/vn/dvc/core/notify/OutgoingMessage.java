package vn.dvc.core.notify;

import vn.dvc.core.text.Language;

/**
 * One rendered message for one channel and address. {@code text} is plain (SMS, push, the e-mail's text part);
 * {@code html} is the e-mail's HTML part with every user-provided value escaped. The address is personal data:
 * adapters never log it.
 */
public record OutgoingMessage(String notificationId, String dossierCode, String event, ChannelKind channel, String address,
                              Language language, String subject, String text, String html) {
    @Override
    public String toString() {
        return "OutgoingMessage[" + notificationId + " " + channel + " address redacted]";
    }
}

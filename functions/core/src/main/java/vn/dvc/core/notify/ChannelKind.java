package vn.dvc.core.notify;

/** The ways a citizen can be told: a text message to the phone, an e-mail, a push to the mobile app. */
public enum ChannelKind {
    SMS, EMAIL, PUSH
}

package vn.dvc.aws.dynamo;

import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Converts stream images (Lambda event model) into SDK attribute values, so the table's mappers can read them. */
public final class StreamImages {
    private StreamImages() {}

    public static Map<String, AttributeValue> toSdk(
            Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image) {
        if (image == null) {
            return null;
        }
        Map<String, AttributeValue> out = new HashMap<>();
        image.forEach((k, v) -> out.put(k, toSdk(v)));
        return out;
    }

    public static AttributeValue toSdk(com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue v) {
        if (v.getS() != null) return AttributeValue.fromS(v.getS());
        if (v.getN() != null) return AttributeValue.fromN(v.getN());
        if (v.getBOOL() != null) return AttributeValue.fromBool(v.getBOOL());
        if (Boolean.TRUE.equals(v.getNULL())) return AttributeValue.fromNul(true);
        if (v.getM() != null) return AttributeValue.fromM(toSdk(v.getM()));
        if (v.getL() != null) return AttributeValue.fromL(v.getL().stream().map(StreamImages::toSdk).toList());
        if (v.getSS() != null) return AttributeValue.fromSs(v.getSS());
        if (v.getNS() != null) return AttributeValue.fromNs(v.getNS());
        if (v.getB() != null) return AttributeValue.fromB(SdkBytes.fromByteBuffer(v.getB()));
        return AttributeValue.fromNul(true);
    }
}

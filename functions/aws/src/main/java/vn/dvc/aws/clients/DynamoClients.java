package vn.dvc.aws.clients;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import vn.dvc.aws.Priming;
import vn.dvc.aws.config.Env;

/** The DynamoDB client of this JVM, built on first use (endpoint from the SDK's standard settings). */
public final class DynamoClients {
    private static volatile DynamoDbClient dynamo;

    private DynamoClients() {}

    public static DynamoDbClient dynamo() {
        if (dynamo == null) {
            synchronized (DynamoClients.class) {
                if (dynamo == null) {
                    dynamo = DynamoDbClient.builder().httpClient(SharedHttp.client()).overrideConfiguration(SharedHttp.overrides()).build();
                    prime(dynamo);
                }
            }
        }
        return dynamo;
    }

    /** SnapStart: one real GetItem of a key that never exists in the dossier table. */
    private static void prime(DynamoDbClient client) {
        String table = Env.get("DOSSIER_TABLE");
        if (table != null) {
            Priming.register(() -> client.getItem(b -> b.tableName(table).key(Map.of(
                    "pk", AttributeValue.fromS("PRIME#snapstart"), "sk", AttributeValue.fromS("PRIME")))));
        }
    }

    /** Forget the client (tests that switch engines within one JVM). */
    public static synchronized void reset() {
        dynamo = null;
    }
}

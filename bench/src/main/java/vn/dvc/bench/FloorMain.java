package vn.dvc.bench;

import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The floor: the least a Java Lambda on DynamoDB can do from a cold JVM — build one DynamoDB client (same light
 * HTTP client) and do one PutItem. Every function's cold start is reported as a ratio to this, measured in the
 * same run on the same machine.
 */
public final class FloorMain {
    private FloorMain() {}

    public static void main(String[] args) {
        String table = args[0];
        DynamoDbClient dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
        dynamo.putItem(b -> b.tableName(table).item(Map.of(
                "pk", AttributeValue.fromS("BENCH#floor"), "sk", AttributeValue.fromS("FLOOR"))));
        long done = ColdStartMain.sinceStart();
        System.out.println("BENCH constructedMs=" + done + " firstEventMs=" + done + " secondEventMicros=0 heapUsedKb="
                + (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / 1024
                + " peakHeapKb=" + ColdStartMain.peakHeapKb() + " primeMs=0 firstOnlyMs=0");
        System.exit(0);
    }
}

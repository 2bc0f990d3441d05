package vn.dvc.local;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A DynamoDB stream event source mapping: reads every shard in order, hands batches to the function, retries a
 * failed batch from the first failed record ({@code ReportBatchItemFailures}) up to the retry limit, then sends a
 * summary of the batch to the on-failure destination and moves on, as Lambda does.
 */
final class StreamPoller implements Runnable {
    private final DynamoDbStreamsClient streams;
    private final SqsClient sqs;
    private final String streamArn;
    private final int batchSize;
    private final int maxRetries;
    private final String onFailureQueueUrl;
    private final String functionId;
    private final FunctionHost functions;
    private final Map<String, String> iterators = new HashMap<>();
    /** The last sequence number delivered per shard, to resume exactly after it when an iterator breaks. */
    private final Map<String, String> delivered = new HashMap<>();
    private volatile boolean running = true;

    StreamPoller(DynamoDbStreamsClient streams, SqsClient sqs, String streamArn, int batchSize, int maxRetries,
                 String onFailureQueueUrl, String functionId, FunctionHost functions) {
        this.streams = streams;
        this.sqs = sqs;
        this.streamArn = streamArn;
        this.batchSize = batchSize;
        this.maxRetries = maxRetries;
        this.onFailureQueueUrl = onFailureQueueUrl;
        this.functionId = functionId;
        this.functions = functions;
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        long lastDescribe = 0;
        while (running) {
            try {
                if (System.currentTimeMillis() - lastDescribe > 2000) {
                    for (Shard shard : streams.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards()) {
                        iterators.computeIfAbsent(shard.shardId(), id -> streams.getShardIterator(b -> b.streamArn(streamArn)
                                .shardId(id).shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator());
                    }
                    lastDescribe = System.currentTimeMillis();
                }
                boolean any = false;
                for (var entry : new ArrayList<>(iterators.entrySet())) {
                    if (entry.getValue() == null) {
                        continue;
                    }
                    software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse response;
                    try {
                        response = streams.getRecords(b -> b.shardIterator(entry.getValue()).limit(batchSize));
                    } catch (RuntimeException e) {
                        // An expired or trimmed iterator must not stall the stream: resume after the last delivered record.
                        iterators.put(entry.getKey(), freshIterator(entry.getKey()));
                        continue;
                    }
                    iterators.put(entry.getKey(), response.nextShardIterator());
                    if (!response.records().isEmpty()) {
                        any = true;
                        deliver(entry.getKey(), response.records());
                        delivered.put(entry.getKey(), response.records().get(response.records().size() - 1).dynamodb().sequenceNumber());
                    }
                }
                if (!any) {
                    Thread.sleep(100);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (running) {
                    sleepQuietly(500);
                }
            }
        }
    }

    private String freshIterator(String shardId) {
        String last = delivered.get(shardId);
        if (last != null) {
            try {
                return streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shardId)
                        .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(last)).shardIterator();
            } catch (RuntimeException e) {
                // the record is gone from the shard: fall through to its oldest record
            }
        }
        try {
            return streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shardId)
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        } catch (RuntimeException e) {
            return null; // the shard is gone; describeStream finds its successors
        }
    }

    private void deliver(String shardId, List<Record> records) {
        deliverWithRetries(shardId, records);
        if (DeliveryChaos.enabled()) { // reliability (issue 10): the batch again, shuffled, after newer records
            DeliveryChaos.counted("stream", records.size());
            try {
                functions.invoke(functionId, toEvent(DeliveryChaos.shuffled(records)));
            } catch (RuntimeException ignored) {
                // the first delivery decides what is retried
            }
        }
    }

    private void deliverWithRetries(String shardId, List<Record> records) {
        List<Record> pending = records;
        for (int attempt = 0; attempt <= maxRetries && !pending.isEmpty(); attempt++) {
            String failedSequence;
            try {
                Object result = functions.invoke(functionId, toEvent(pending));
                failedSequence = result instanceof StreamsEventResponse r && r.getBatchItemFailures() != null
                        && !r.getBatchItemFailures().isEmpty() ? r.getBatchItemFailures().get(0).getItemIdentifier() : null;
            } catch (RuntimeException e) {
                failedSequence = pending.get(0).dynamodb().sequenceNumber();
            }
            if (failedSequence == null) {
                return;
            }
            String from = failedSequence;
            int index = 0;
            while (index < pending.size() && !pending.get(index).dynamodb().sequenceNumber().equals(from)) index++;
            pending = pending.subList(Math.min(index, pending.size()), pending.size());
            sleepQuietly(Math.min(1000, 50L << attempt));
        }
        if (!pending.isEmpty() && onFailureQueueUrl != null) {
            String body = "{\"streamArn\":\"" + streamArn + "\",\"shardId\":\"" + shardId + "\",\"startSequenceNumber\":\""
                    + pending.get(0).dynamodb().sequenceNumber() + "\",\"batchSize\":" + pending.size()
                    + ",\"reason\":\"RetryAttemptsExhausted\"}";
            sqs.sendMessage(b -> b.queueUrl(onFailureQueueUrl).messageBody(body));
        }
    }

    private DynamodbEvent toEvent(List<Record> records) {
        DynamodbEvent event = new DynamodbEvent();
        List<DynamodbEvent.DynamodbStreamRecord> out = new ArrayList<>();
        for (Record r : records) {
            DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
            record.setEventID(r.eventID());
            record.setEventName(r.eventNameAsString());
            record.setEventSource("aws:dynamodb");
            record.setEventVersion("1.1");
            record.setAwsRegion(Engines.REGION);
            record.setEventSourceARN(streamArn);
            StreamRecord stream = new StreamRecord();
            stream.setSequenceNumber(r.dynamodb().sequenceNumber());
            stream.setSizeBytes(r.dynamodb().sizeBytes());
            stream.setStreamViewType(com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType.fromValue(r.dynamodb().streamViewTypeAsString()));
            if (r.dynamodb().approximateCreationDateTime() != null) {
                stream.setApproximateCreationDateTime(Date.from(r.dynamodb().approximateCreationDateTime()));
            }
            stream.setKeys(convert(r.dynamodb().keys()));
            if (r.dynamodb().hasNewImage()) stream.setNewImage(convert(r.dynamodb().newImage()));
            if (r.dynamodb().hasOldImage()) stream.setOldImage(convert(r.dynamodb().oldImage()));
            record.setDynamodb(stream);
            out.add(record);
        }
        event.setRecords(out);
        return event;
    }

    static Map<String, AttributeValue> convert(Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item) {
        if (item == null) return null;
        Map<String, AttributeValue> out = new HashMap<>();
        item.forEach((k, v) -> out.put(k, convert(v)));
        return out;
    }

    static AttributeValue convert(software.amazon.awssdk.services.dynamodb.model.AttributeValue v) {
        AttributeValue a = new AttributeValue();
        if (v.s() != null) a.setS(v.s());
        else if (v.n() != null) a.setN(v.n());
        else if (v.bool() != null) a.setBOOL(v.bool());
        else if (Boolean.TRUE.equals(v.nul())) a.setNULL(true);
        else if (v.hasM()) a.setM(convert(v.m()));
        else if (v.hasL()) a.setL(v.l().stream().map(StreamPoller::convert).toList());
        else if (v.hasSs()) a.setSS(v.ss());
        else if (v.hasNs()) a.setNS(v.ns());
        else if (v.b() != null) a.setB(ByteBuffer.wrap(v.b().asByteArray()));
        return a;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

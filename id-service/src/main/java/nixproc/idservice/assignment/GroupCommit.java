package nixproc.idservice.assignment;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Group commit of the assignment requests of this JVM (as PostgreSQL's WAL group commit): a request joins the queue;
 * if no batch is running, its thread becomes the leader, takes everything queued (up to {@value #MAX_BATCH}
 * requests) and runs it as one batch; the others wait for their answers. Several instances still coordinate only
 * through the pool row locks.
 */
final class GroupCommit {

	/** Requests per batch: bounds the time the pools stay locked and the size of the statements. */
	static final int MAX_BATCH = 64;

	/** Services per batch (a larger request still runs, alone): bounds the in-memory work of a batch. */
	static final int MAX_SERVICES = 2_000;

	/**
	 * How long a new leader waits for as many requests as the last batch had (PostgreSQL's {@code commit_delay}):
	 * the callers of the last batch come back one by one, and the first of them would otherwise run alone, the
	 * rest in the next batch.
	 */
	static final long GATHER_NANOS = 3_000_000;

	/** A queued request and where its answer goes. */
	record Waiting(RequestValidation.Valid request, CompletableFuture<AssignmentResponse> answer) {
	}

	private final Consumer<List<Waiting>> runner;

	private final ReentrantLock mutex = new ReentrantLock();

	private final Condition finished = mutex.newCondition();

	private final Condition arrived = mutex.newCondition();

	private int lastBatch = 1;

	private final ArrayDeque<Waiting> queue = new ArrayDeque<>();

	private boolean running;

	/** @param runner runs a batch and completes every answer of it (normally or exceptionally) */
	GroupCommit(Consumer<List<Waiting>> runner) {
		this.runner = runner;
	}

	AssignmentResponse submit(RequestValidation.Valid request) {
		Waiting me = new Waiting(request, new CompletableFuture<>());
		mutex.lock();
		try {
			queue.add(me);
			arrived.signal();
			while (!me.answer().isDone()) {
				if (running) {
					finished.awaitUninterruptibly();
					continue;
				}
				running = true;
				gather();
				List<Waiting> batch = take();
				lastBatch = batch.size();
				mutex.unlock();
				try {
					run(batch);
				}
				finally {
					mutex.lock();
					running = false;
					finished.signalAll();
				}
			}
		}
		finally {
			mutex.unlock();
		}
		try {
			return me.answer().join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw ex;
		}
	}

	/** Waits (at most {@link #GATHER_NANOS}) until as many requests are queued as the last batch had. */
	private void gather() {
		long deadline = System.nanoTime() + GATHER_NANOS;
		long left = GATHER_NANOS;
		while (queue.size() < lastBatch && left > 0) {
			try {
				arrived.awaitNanos(left);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			left = deadline - System.nanoTime();
		}
	}

	/**
	 * The next batch, in arrival order: a prune request (it locks and reads every pool) runs alone; a deployment id
	 * already in the batch waits for the next one, so that its repetition sees the first one's outcome.
	 */
	private List<Waiting> take() {
		List<Waiting> batch = new ArrayList<>();
		Set<String> ids = new HashSet<>();
		int services = 0;
		for (Iterator<Waiting> it = queue.iterator(); it.hasNext() && batch.size() < MAX_BATCH;) {
			Waiting next = it.next();
			boolean prune = next.request().prune();
			int size = next.request().services().size();
			if (!batch.isEmpty() && (prune || services + size > MAX_SERVICES)) {
				continue;
			}
			if (ids.add(next.request().deploymentId())) {
				batch.add(next);
				services += size;
				it.remove();
				if (prune) {
					break;
				}
			}
		}
		return batch;
	}

	private void run(List<Waiting> batch) {
		try {
			runner.accept(batch);
		}
		catch (RuntimeException | Error ex) {
			// the callers see the failure; the leader goes on with its own request
			batch.forEach(w -> w.answer().completeExceptionally(ex));
		}
		finally {
			IllegalStateException unanswered = new IllegalStateException("the batch left a request unanswered");
			batch.forEach(w -> w.answer().completeExceptionally(unanswered));
		}
	}

}

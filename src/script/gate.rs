//! Gates: replies held until the test opens them, so that single-flight, cancellation and
//! ordering tests need no sleeps.

use std::fmt;
use std::sync::Arc;
use tokio::sync::watch;

/// A gate that holds the replies scripted with [`Reply::held_by`](crate::Reply::held_by) until
/// [`open`](Gate::open) is called. Requests are journaled (and counted by their rule) when they
/// arrive; only the response waits. Clones share the gate.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// use aws_sdk_lakeformation::operation::get_temporary_glue_table_credentials::GetTemporaryGlueTableCredentialsOutput;
/// use lakeformation_mock::{Gate, MockLakeFormation, Reply, Rule};
///
/// let mock = MockLakeFormation::new();
/// let gate = Gate::new();
/// let output = GetTemporaryGlueTableCredentialsOutput::builder().access_key_id("ASIAEXAMPLE").build();
/// Rule::table_credentials().respond_with(Reply::from(output).held_by(&gate)).mount(&mock);
///
/// let client = mock.client();
/// let call = tokio::spawn(async move {
///     client.get_temporary_glue_table_credentials().table_arn("arn:aws:glue:us-east-1:123456789012:table/db/t").send().await
/// });
/// gate.wait_until_held(1).await; // the request arrived and waits at the gate
/// assert_eq!(mock.in_flight(), 1);
/// gate.open();
/// assert_eq!(call.await.unwrap().unwrap().access_key_id(), Some("ASIAEXAMPLE"));
/// assert_eq!(mock.in_flight(), 0);
/// # }
/// ```
#[derive(Clone)]
pub struct Gate {
    state: Arc<watch::Sender<State>>,
}

#[derive(Clone, Copy, Default)]
struct State {
    open: bool,
    held: usize,
}

impl Default for Gate {
    fn default() -> Self {
        Gate::new()
    }
}

impl Gate {
    /// A closed gate.
    #[must_use]
    pub fn new() -> Self {
        Gate { state: Arc::new(watch::Sender::new(State::default())) }
    }

    /// Opens the gate: every reply waiting at it goes out, and later ones pass at once.
    pub fn open(&self) {
        self.state.send_modify(|s| s.open = true);
    }

    /// Whether the gate is open.
    pub fn is_open(&self) -> bool {
        self.state.borrow().open
    }

    /// How many requests wait at the gate now.
    pub fn held(&self) -> usize {
        self.state.borrow().held
    }

    /// Waits until at least `n` requests wait at the gate.
    pub async fn wait_until_held(&self, n: usize) {
        let mut watching = self.state.subscribe();
        // The sender lives as long as `self`: the wait cannot fail.
        let _ = watching.wait_for(|s| s.held >= n).await;
    }

    /// Waits, counted as held, until the gate opens; a wait dropped (the call cancelled) stops
    /// being counted.
    pub(crate) async fn pass(&self) {
        let mut watching = self.state.subscribe();
        if watching.borrow().open {
            return;
        }
        self.state.send_modify(|s| s.held += 1);
        let _leave = Leave(self);
        let _ = watching.wait_for(|s| s.open).await;
    }
}

/// Stops counting a held request, however its wait ends.
struct Leave<'a>(&'a Gate);

impl Drop for Leave<'_> {
    fn drop(&mut self) {
        self.0.state.send_modify(|s| s.held -= 1);
    }
}

impl fmt::Debug for Gate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = *self.state.borrow();
        f.debug_struct("Gate").field("open", &state.open).field("held", &state.held).finish()
    }
}

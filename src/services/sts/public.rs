//! AWS STS's public types (feature `sts`): its operations and typed inputs. Roles and the
//! sessions the simulated lake issues are in [`crate::lake`] ([`Role`](crate::lake::Role),
//! [`Session`](crate::lake::Session)).

pub use crate::record::input::StsInput;
pub use crate::services::operation::StsOperation;

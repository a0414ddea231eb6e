//! Calls and returns: interpreted calls on the explicit frame stack, native
//! calls through [`LinkEnv::call_native`], indirect calls, `jcall`/`jret`,
//! and the interpreter's own `setjmp`/`longjmp`.
//!
//! A call to an interpreted function pushes a frame and *continues the
//! dispatch chain in the callee* (no Rust recursion); `ret` pops it, writes
//! the results into the caller's slots (narrow integers extended by the
//! callee's result type, then by the prototype's, spec §3.4) and continues
//! after the call.
//!
//! `setjmp(buf)` records the calling frame (depth and activation serial),
//! the resume point and the stack position, keyed by the buffer address, and
//! writes a token naming it into `buf`; `longjmp(buf, v)` checks the token,
//! checks that the recorded activation is still live, drops the frames above
//! it, restores the stack position and resumes after the `setjmp` call with
//! `v` (0 becomes 1). A `jmp_buf` filled by C code, or one whose function has
//! returned, or one from another interpreter activation (beyond a native
//! frame) gives [`Trap::BadLongJmp`](crate::Trap::BadLongJmp) instead of
//! undefined behaviour.
//!
//! [`LinkEnv::call_native`]: crate::LinkEnv::call_native

use crate::exec::{
    ext_kind, ext_ty, ext_val, new_frame, next, rd, rd_val, set_params_site, trap,
    trap_pending, wr, wr_val, Cx, JmpRec, ICACHE,
};
use crate::icode::{CallSite, Code, Exit, Inst, RetVal, Target};
use crate::program::Callee;
use crate::trap::{Trap, TrapKind};
use mirage_ir::abi::{ArgKind, Val};
use std::sync::atomic::Ordering;

#[inline(always)]
unsafe fn site<'a>(ip: *const Inst) -> &'a CallSite {
    &*((*ip).x as *const CallSite)
}

/// Enters `code` for call site `cs` at `ip` of the frame at `fp`.
#[inline(always)]
unsafe fn enter<const T: bool>(
    ip: *const Inst,
    fp: *mut u8,
    cx: &mut Cx,
    cs: &CallSite,
    code: &Code,
) -> Exit {
    let nfp = new_frame(cx, code, ip.add(1), cs);
    if nfp.is_null() {
        return trap_pending(cx, ip);
    }
    if !set_params_site(cx, code, nfp, fp, cs) {
        if let Some(f) = cx.frames.pop() {
            cx.stack.release(f.mark);
        }
        return trap_pending(cx, ip);
    }
    next!(T, code.entry(), nfp, cx)
}

#[cold]
#[inline(never)]
unsafe fn resolve_code(cx: &mut Cx, cs: &CallSite, f: crate::FuncIdx) -> *const Code {
    let prog = cx.prog;
    match (*prog).code(f) {
        Ok(c) => {
            let p = c as *const Code;
            cs.code.store(p as *mut Code, Ordering::Release);
            p
        }
        Err(t) => {
            cx.trap = Some(TrapKind::Done(t));
            std::ptr::null()
        }
    }
}

/// Direct call of an interpreted function.
pub(crate) unsafe fn call_interp<const T: bool>(ip: *const Inst, fp: *mut u8, cx: &mut Cx) -> Exit {
    let cs = site(ip);
    let mut code = cs.code.load(Ordering::Acquire) as *const Code;
    if code.is_null() {
        let Target::Direct(Callee::Interp(f)) = cs.target else {
            return trap(cx, ip, TrapKind::Unsupported("bad call site".into()));
        };
        code = resolve_code(cx, cs, f);
        if code.is_null() {
            return trap_pending(cx, ip);
        }
    }
    enter::<T>(ip, fp, cx, cs, &*code)
}

/// Calls native code at `addr` for call site `cs`. False with `cx.trap`
/// set on failure.
#[inline(never)]
unsafe fn native(cx: &mut Cx, fp: *mut u8, cs: &CallSite, addr: u64) -> bool {
    let nres = cs.sig.results.len();
    let mut slots = std::mem::take(&mut cx.scratch);
    slots.clear();
    slots.resize(nres + cs.args.len(), Val::ZERO);
    for (i, a) in cs.args.iter().enumerate() {
        let v = rd_val(fp, a.off);
        slots[nres + i] = match a.kind {
            ArgKind::I8 | ArgKind::U8 | ArgKind::I16 | ArgKind::U16 | ArgKind::I32 | ArgKind::U32 => {
                Val::from_i64(ext_kind(a.kind, v.i64() as u64) as i64)
            }
            _ => v,
        };
    }
    let prog = cx.prog;
    let r = (*prog).env.call_native(addr, &cs.sig, &mut slots);
    let ok = match r {
        Ok(()) => {
            for (d, v) in cs.results.iter().zip(slots.iter()) {
                wr_val(fp, d.off, ext_val(d.ty, *v));
            }
            true
        }
        Err(Trap::Host(m)) => {
            cx.trap = Some(TrapKind::Native(m));
            false
        }
        Err(t) => {
            cx.trap = Some(TrapKind::Done(t));
            false
        }
    };
    cx.scratch = slots;
    ok
}

/// Direct call of native code.
pub(crate) unsafe fn call_native<const T: bool>(ip: *const Inst, fp: *mut u8, cx: &mut Cx) -> Exit {
    let cs = site(ip);
    let Target::Direct(Callee::Native(addr)) = cs.target else {
        return trap(cx, ip, TrapKind::Unsupported("bad call site".into()));
    };
    if !native(cx, fp, cs, addr) {
        return trap_pending(cx, ip);
    }
    next!(T, ip.add(1), fp, cx)
}

/// What `addr` is, through a small direct-mapped cache.
#[inline(always)]
fn resolve_addr(cx: &mut Cx, addr: u64) -> Callee {
    let i = (addr >> 4) as usize % ICACHE;
    let e = cx.icache[i];
    if e.0 == addr {
        return e.1;
    }
    let c = cx.prog().env.callee_at(addr);
    cx.icache[i] = (addr, c);
    c
}

#[inline(always)]
unsafe fn dispatch<const T: bool>(
    ip: *const Inst,
    fp: *mut u8,
    cx: &mut Cx,
    cs: &CallSite,
    callee: Callee,
) -> Exit {
    match callee {
        Callee::Interp(f) => {
            let prog = cx.prog;
            match (*prog).code(f) {
                Ok(code) => enter::<T>(ip, fp, cx, cs, code),
                Err(t) => trap(cx, ip, TrapKind::Done(t)),
            }
        }
        Callee::Native(addr) => {
            if !native(cx, fp, cs, addr) {
                return trap_pending(cx, ip);
            }
            next!(T, ip.add(1), fp, cx)
        }
        Callee::SetJmp => setjmp_at::<T>(ip, fp, cx, cs),
        Callee::LongJmp => longjmp_at::<T>(ip, fp, cx, cs),
    }
}

/// Indirect call through the address in a slot.
pub(crate) unsafe fn call_ind<const T: bool>(ip: *const Inst, fp: *mut u8, cx: &mut Cx) -> Exit {
    let cs = site(ip);
    let addr = match cs.target {
        Target::Indirect(off) => rd(fp, off),
        Target::Direct(Callee::Native(a)) => a,
        Target::Direct(c) => return dispatch::<T>(ip, fp, cx, cs, c),
    };
    let callee = resolve_addr(cx, addr);
    dispatch::<T>(ip, fp, cx, cs, callee)
}

/// `ret`: values listed at x (pointer) / b (count).
pub(crate) unsafe fn ret<const T: bool>(ip: *const Inst, fp: *mut u8, cx: &mut Cx) -> Exit {
    let i = &*ip;
    let vals: &[RetVal] = std::slice::from_raw_parts(i.x as *const RetVal, i.b as usize);
    let Some(top) = cx.frames.last() else {
        return trap(cx, ip, TrapKind::Unsupported("ret without a frame".into()));
    };
    if top.ret_ip.is_null() {
        cx.results.clear();
        for v in vals {
            cx.results.push(ext_val(v.ty, rd_val(fp, v.off)));
        }
        let f = cx.frames.pop().unwrap_unchecked();
        cx.stack.release(f.mark);
        return Exit::Return;
    }
    let cs = &*top.call;
    if cs.jcall {
        return trap(
            cx,
            ip,
            TrapKind::Unsupported("ret in a function entered by jcall (use jret)".into()),
        );
    }
    let f = cx.frames.pop().unwrap_unchecked();
    let cfp = cx.frames.last().unwrap_unchecked().fp;
    for (d, v) in cs.results.iter().zip(vals) {
        wr_val(cfp, d.off, ext_val(d.ty, ext_val(v.ty, rd_val(fp, v.off))));
    }
    cx.stack.release(f.mark);
    next!(T, f.ret_ip, cfp, cx)
}

/// `jcall`: enter the callee; it ends with `jret` to a label of this
/// function.
pub(crate) unsafe fn jcall<const T: bool>(ip: *const Inst, fp: *mut u8, cx: &mut Cx) -> Exit {
    let cs = site(ip);
    let callee = match cs.target {
        Target::Direct(c) => c,
        Target::Indirect(off) => resolve_addr(cx, rd(fp, off)),
    };
    match callee {
        Callee::Interp(f) => {
            let prog = cx.prog;
            match (*prog).code(f) {
                Ok(code) => enter::<T>(ip, fp, cx, cs, code),
                Err(t) => trap(cx, ip, TrapKind::Done(t)),
            }
        }
        _ => trap(
            cx,
            ip,
            TrapKind::Unsupported("jcall to native code or setjmp".into()),
        ),
    }
}

/// `jret`: pop the frame and continue at the label address in slot a of
/// the caller's function.
pub(crate) unsafe fn jret<const T: bool>(ip: *const Inst, fp: *mut u8, cx: &mut Cx) -> Exit {
    let to = rd(fp, (*ip).a);
    let n = cx.frames.len();
    if n < 2 {
        return trap(
            cx,
            ip,
            TrapKind::Unsupported("jret in a function called from the host".into()),
        );
    }
    let caller = &cx.frames[n - 2];
    if !(*caller.code).is_label_address(to) {
        return trap(cx, ip, TrapKind::BadJump(to));
    }
    let cfp = caller.fp;
    let f = cx.frames.pop().unwrap_unchecked();
    cx.stack.release(f.mark);
    next!(T, to as usize as *const Inst, cfp, cx)
}

// ---------------------------------------------------------------------------
// setjmp / longjmp.

const JMP_MAGIC: u64 = 0x6d69_7261_6765_4a42; // "mirageJB"

/// Direct call of `setjmp`.
pub(crate) unsafe fn setjmp<const T: bool>(ip: *const Inst, fp: *mut u8, cx: &mut Cx) -> Exit {
    setjmp_at::<T>(ip, fp, cx, site(ip))
}

/// Direct call of `longjmp`.
pub(crate) unsafe fn longjmp<const T: bool>(ip: *const Inst, fp: *mut u8, cx: &mut Cx) -> Exit {
    longjmp_at::<T>(ip, fp, cx, site(ip))
}

unsafe fn setjmp_at<const T: bool>(ip: *const Inst, fp: *mut u8, cx: &mut Cx, cs: &CallSite) -> Exit {
    let Some(a) = cs.args.first() else {
        return trap(cx, ip, TrapKind::Unsupported("setjmp without a buffer".into()));
    };
    let buf = rd(fp, a.off);
    let depth = cx.frames.len() - 1;
    let serial = cx.frames[depth].serial;
    cx.jmp_gen += 1;
    if cx.jmps.len() > 64 + 2 * cx.frames.len() {
        let frames = &cx.frames;
        cx.jmps
            .retain(|_, r| r.depth < frames.len() && frames[r.depth].serial == r.serial);
    }
    let res = cs.results.first().copied();
    cx.jmps.insert(
        buf,
        JmpRec {
            depth,
            serial,
            resume: ip.add(1),
            fp,
            res,
            top: cx.stack.mark(),
            gen: cx.jmp_gen,
        },
    );
    let p = buf as *mut u64;
    p.write_unaligned(JMP_MAGIC);
    p.add(1).write_unaligned(cx.id);
    p.add(2).write_unaligned(buf);
    p.add(3).write_unaligned(cx.jmp_gen);
    if let Some(r) = res {
        wr(fp, r.off, 0);
    }
    next!(T, ip.add(1), fp, cx)
}

unsafe fn longjmp_at<const T: bool>(ip: *const Inst, fp: *mut u8, cx: &mut Cx, cs: &CallSite) -> Exit {
    if cs.args.len() < 2 {
        return trap(cx, ip, TrapKind::Unsupported("longjmp needs two arguments".into()));
    }
    let buf = rd(fp, cs.args[0].off) as *const u64;
    let a1 = &cs.args[1];
    let mut v = ext_kind(a1.kind, rd(fp, a1.off));
    if v == 0 {
        v = 1;
    }
    let fail = |cx: &mut Cx, why: &str| trap(cx, ip, TrapKind::LongJmp(why.to_string()));
    if buf.read_unaligned() != JMP_MAGIC || buf.add(1).read_unaligned() != cx.id {
        return fail(
            cx,
            "the jmp_buf was not filled by setjmp in this interpreter activation",
        );
    }
    let key = buf.add(2).read_unaligned();
    let gen = buf.add(3).read_unaligned();
    let Some(rec) = cx.jmps.get(&key) else {
        return fail(cx, "the jmp_buf is stale");
    };
    if rec.gen != gen {
        return fail(cx, "the jmp_buf is stale (setjmp was called again on it)");
    }
    if rec.depth >= cx.frames.len() || cx.frames[rec.depth].serial != rec.serial {
        return fail(cx, "the function that called setjmp has returned");
    }
    let (depth, resume, rfp, res, top) = (rec.depth, rec.resume, rec.fp, rec.res, rec.top);
    cx.frames.truncate(depth + 1);
    cx.stack.release(top);
    if let Some(r) = res {
        wr(rfp, r.off, ext_ty(r.ty, v));
    }
    next!(T, resume, rfp, cx)
}

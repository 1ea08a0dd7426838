/**
 * Registered for every jest test (jest.config.js). Testing Library's waitFor/findBy give up after one second
 * by default, which a busy two-core machine can pass while the condition is still on its way: here they wait
 * until the condition holds, up to the hang backstop.
 */
import { configure } from "@testing-library/dom";
import { HANG_BACKSTOP_MS } from "./backstop";

configure({ asyncUtilTimeout: HANG_BACKSTOP_MS });

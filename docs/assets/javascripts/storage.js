/* Material's storage helpers (__md_scope, __md_hash, __md_get, __md_set), as in
 * its partials/javascripts/base.html (9.8.1), moved out of the page so that the
 * Content-Security-Policy needs no inline script (overrides/main.html).
 * Two changes: the scope is the site's root, found from this file's own
 * address (it lives at <root>/assets/javascripts/); and __md_get/__md_set
 * never throw. In a frame on another site, where the browser blocks
 * third-party storage, merely reading localStorage throws a SecurityError; the
 * guide then behaves as if nothing was stored (docs/for-clinics/embed.md).
 * Loaded without async or defer, in <head>, before anything that uses it.
 * When upgrading Material, compare with its copy of that partial. */
__md_scope=new URL("../../",document.currentScript.src),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_,t=__md_scope)=>{try{return JSON.parse((_||localStorage).getItem(t.pathname+"."+e))}catch(e){return null}},__md_set=(e,_,t,a=__md_scope)=>{try{(t||localStorage).setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}};

// Routes: one page per route, loaded on demand. Filters live in each route's query string.
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';

export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'overview', component: () => import('./pages/OverviewPage.vue') },
  { path: '/trends', name: 'trends', component: () => import('./pages/TrendsPage.vue') },
  { path: '/related', name: 'related', component: () => import('./pages/RelatedPage.vue') },
  { path: '/postings', name: 'postings', component: () => import('./pages/PostingsPage.vue') },
  {
    path: '/closing-soon',
    name: 'closing-soon',
    component: () => import('./pages/PostingsPage.vue'),
    props: { closingSoon: true },
  },
  { path: '/postings/:id', name: 'posting', component: () => import('./pages/PostingPage.vue'), props: true },
  { path: '/skills/:skill?', name: 'skill', component: () => import('./pages/SkillPage.vue'), props: true },
  { path: '/companies/:id', name: 'company', component: () => import('./pages/CompanyPage.vue'), props: true },
  { path: '/stack', name: 'stack', component: () => import('./pages/StackPage.vue') },
  { path: '/compare', name: 'compare', component: () => import('./pages/ComparePage.vue') },
  { path: '/pipeline', name: 'pipeline', component: () => import('./pages/PipelinePage.vue') },
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('./pages/NotFoundPage.vue') },
];

export const router = createRouter({
  history: createWebHistory(),
  routes,
  scrollBehavior(to, from, saved) {
    if (saved) return saved;
    // Filter changes stay in place; a new page starts at the top.
    if (to.name === from.name && to.path === from.path) return false;
    return { top: 0 };
  },
});
